/**
 * The look and the locale of every chart: theme colours, and numbers and dates formatted in the
 * UI language (thousands separators on axes, legends and tooltips; Korean month names).
 */

// From d3-format's and d3-time-format's ko-KR and en-US locale files (what Vega's formatLocale takes).
const NUMBER = { decimal: '.', thousands: ',', grouping: [3], currency: ['₩', ''] };
const TIME_KO = {
  dateTime: '%Y/%m/%d %a %X',
  date: '%Y/%m/%d',
  time: '%H:%M:%S',
  periods: ['오전', '오후'],
  days: ['일요일', '월요일', '화요일', '수요일', '목요일', '금요일', '토요일'],
  shortDays: ['일', '월', '화', '수', '목', '금', '토'],
  months: ['1월', '2월', '3월', '4월', '5월', '6월', '7월', '8월', '9월', '10월', '11월', '12월'],
  shortMonths: ['1월', '2월', '3월', '4월', '5월', '6월', '7월', '8월', '9월', '10월', '11월', '12월'],
};
const TIME_EN = {
  dateTime: '%x, %X',
  date: '%-m/%-d/%Y',
  time: '%-I:%M:%S %p',
  periods: ['AM', 'PM'],
  days: ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'],
  shortDays: ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'],
  months: ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'],
  shortMonths: ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'],
};

/** Vega's locale for a UI language: number and time formatting (Korean or English). */
export function chartLocale(lang: string) {
  return { number: { ...NUMBER, currency: lang.startsWith('ko') ? ['₩', ''] : ['$', ''] }, time: lang.startsWith('ko') ? TIME_KO : TIME_EN };
}

/** Vega-Lite config for a chart in the UI language and theme. */
export function chartConfig(lang: string, dark: boolean): Record<string, unknown> {
  return {
    locale: chartLocale(lang),
    // Numbers without a format of their own (lesson charts, text marks) get separators too.
    numberFormat: ',~f',
    background: 'transparent',
    view: { stroke: 'transparent' },
    font: 'Pretendard Variable, system-ui, sans-serif',
    axis: dark
      ? { labelColor: '#a3aaba', titleColor: '#e6e8ee', gridColor: '#313642', domainColor: '#434a59', tickColor: '#434a59' }
      : { labelColor: '#5d6473', titleColor: '#1b1e26', gridColor: '#e6e8ee', domainColor: '#c4c8d2', tickColor: '#c4c8d2' },
    legend: dark ? { labelColor: '#a3aaba', titleColor: '#e6e8ee' } : { labelColor: '#5d6473', titleColor: '#1b1e26' },
    range: {
      category: ['#4c6ef5', '#12b886', '#fab005', '#fa5252', '#7950f2', '#15aabf', '#fd7e14', '#e64980', '#82c91e', '#868e96'],
    },
    mark: { color: '#4c6ef5' },
    line: { strokeWidth: 2 },
    point: { size: 40 },
  };
}
