/**
 * Fixed reference data for the Hanbit Market (한빛마켓) demo: categories, products, names, regions.
 * All people are invented; names and regions follow realistic Korean frequencies.
 */

/** The season a product sells best in; it shifts the product's popularity by month. */
export type Season = 'winter' | 'spring' | 'summer';

/** A product category. */
export interface CategorySeed {
  name: string;
  nameEn: string;
  /** Share of the shop's demand (relative weight). */
  demand: number;
  /** Typical cost as a share of the price. */
  costRatio: number;
  products: ProductSeed[];
}

/** A product: Korean name, English name, list price in KRW, optional season. */
export type ProductSeed = [name: string, nameEn: string, price: number, season?: Season];

/** The eight categories and their fifteen products each. */
export const CATEGORIES: CategorySeed[] = [
  {
    name: '식품',
    nameEn: 'Food',
    demand: 22,
    costRatio: 0.72,
    products: [
      ['한우 불고기 500g', 'Hanwoo beef bulgogi 500g', 29900],
      ['국내산 삼겹살 1kg', 'Korean pork belly 1kg', 23900],
      ['즉석밥 210g 24개', 'Instant cooked rice 210g x24', 21900],
      ['신선 달걀 30구', 'Fresh eggs x30', 8900],
      ['제주 감귤 5kg', 'Jeju tangerines 5kg', 19900, 'winter'],
      ['포기김치 3kg', 'Napa cabbage kimchi 3kg', 24500],
      ['유기농 현미 4kg', 'Organic brown rice 4kg', 18900],
      ['국산콩 두부 300g 3입', 'Korean soybean tofu 300g x3', 4980],
      ['손질 고등어 10팩', 'Cleaned mackerel fillets x10', 15900],
      ['조미김 20봉', 'Roasted seasoned seaweed x20', 9900],
      ['떡볶이 밀키트 2인분', 'Tteokbokki meal kit for 2', 7900],
      ['냉동 만두 1.4kg', 'Frozen dumplings 1.4kg', 11900, 'winter'],
      ['성주 참외 2kg', 'Seongju Korean melon 2kg', 16900, 'summer'],
      ['꿀고구마 3kg', 'Honey sweet potatoes 3kg', 13900, 'winter'],
      ['하루 견과 30봉', 'Daily mixed nuts x30', 17900],
    ],
  },
  {
    name: '음료',
    nameEn: 'Beverages',
    demand: 14,
    costRatio: 0.68,
    products: [
      ['생수 2L 12병', 'Bottled water 2L x12', 6900, 'summer'],
      ['탄산수 500ml 20병', 'Sparkling water 500ml x20', 11900, 'summer'],
      ['콜드브루 원액 1L', 'Cold brew concentrate 1L', 12900],
      ['아메리카노 스틱 100개', 'Americano coffee sticks x100', 15900],
      ['보리차 티백 50개', 'Barley tea bags x50', 5900],
      ['녹차 티백 100개', 'Green tea bags x100', 8900],
      ['제주 감귤주스 1L 6병', 'Jeju tangerine juice 1L x6', 14900],
      ['두유 190ml 24팩', 'Soy milk 190ml x24', 12900],
      ['흰우유 1L 2팩', 'Fresh milk 1L x2', 5480],
      ['식혜 1.5L', 'Sikhye rice punch 1.5L', 4900],
      ['홍삼 스틱 30포', 'Red ginseng sticks x30', 39000],
      ['콤부차 분말 30개', 'Kombucha powder sticks x30', 16900],
      ['이온음료 500ml 20병', 'Sports drink 500ml x20', 17900, 'summer'],
      ['캡슐커피 50개', 'Coffee capsules x50', 24900],
      ['유자차 1kg', 'Yuja citron tea 1kg', 9900, 'winter'],
    ],
  },
  {
    name: '생활용품',
    nameEn: 'Household',
    demand: 16,
    costRatio: 0.66,
    products: [
      ['3겹 화장지 30롤', '3-ply toilet paper x30', 18900],
      ['미용티슈 6개', 'Facial tissue boxes x6', 9900],
      ['액체 세탁세제 3L', 'Liquid laundry detergent 3L', 14900],
      ['섬유유연제 2.5L', 'Fabric softener 2.5L', 9900],
      ['주방세제 1L', 'Dish soap 1L', 4900],
      ['물티슈 100매 10팩', 'Wet wipes 100 sheets x10', 15900],
      ['종량제 봉투 20L 50매', 'Standard trash bags 20L x50', 7900],
      ['욕실 세정제', 'Bathroom cleaner', 5900],
      ['칫솔 10개입', 'Toothbrushes x10', 8900],
      ['치약 150g 5개', 'Toothpaste 150g x5', 11900],
      ['약산성 샴푸 1L', 'Mild shampoo 1L', 12900],
      ['바디워시 900ml', 'Body wash 900ml', 9900],
      ['옷장 제습제 12개', 'Closet moisture absorbers x12', 13900, 'summer'],
      ['모기 기피제 스프레이', 'Mosquito repellent spray', 7900, 'summer'],
      ['호텔 수건 5장', 'Hotel towels x5', 19900],
    ],
  },
  {
    name: '뷰티',
    nameEn: 'Beauty',
    demand: 13,
    costRatio: 0.45,
    products: [
      ['수분 크림 50ml', 'Moisturizing cream 50ml', 28000],
      ['선크림 SPF50+ 50ml', 'Sunscreen SPF50+ 50ml', 18900, 'summer'],
      ['약산성 토너 200ml', 'Mild toner 200ml', 19800],
      ['클렌징 폼 150ml', 'Cleansing foam 150ml', 9900],
      ['시트 마스크 10매', 'Sheet masks x10', 12000],
      ['비타민C 세럼 30ml', 'Vitamin C serum 30ml', 32000],
      ['립밤 3개 세트', 'Lip balm set of 3', 8900, 'winter'],
      ['쿠션 파운데이션', 'Cushion foundation', 34000],
      ['핸드크림 3개 세트', 'Hand cream set of 3', 12900, 'winter'],
      ['헤어 에센스 100ml', 'Hair essence 100ml', 15900],
      ['클렌징 오일 200ml', 'Cleansing oil 200ml', 21000],
      ['아이크림 30ml', 'Eye cream 30ml', 38000],
      ['남성 올인원 로션', "Men's all-in-one lotion", 19900],
      ['네일 컬러 5종 세트', 'Nail color set of 5', 14900, 'spring'],
      ['바디로션 400ml', 'Body lotion 400ml', 13900],
    ],
  },
  {
    name: '패션',
    nameEn: 'Fashion',
    demand: 11,
    costRatio: 0.42,
    products: [
      ['기본 면 티셔츠', 'Basic cotton T-shirt', 12900, 'summer'],
      ['린넨 셔츠', 'Linen shirt', 39900, 'summer'],
      ['와이드 데님 팬츠', 'Wide-leg denim pants', 45900],
      ['경량 패딩 조끼', 'Lightweight padded vest', 49900, 'winter'],
      ['니트 가디건', 'Knit cardigan', 42900, 'spring'],
      ['양말 10켤레', 'Socks x10', 12900],
      ['트렌치 코트', 'Trench coat', 129000, 'spring'],
      ['러닝화', 'Running shoes', 89000, 'spring'],
      ['캔버스 스니커즈', 'Canvas sneakers', 49000],
      ['캔버스 에코백', 'Canvas tote bag', 19900],
      ['볼캡', 'Baseball cap', 24900, 'summer'],
      ['기모 후드티', 'Fleece-lined hoodie', 39900, 'winter'],
      ['슬리퍼', 'Slide sandals', 19900, 'summer'],
      ['가죽 벨트', 'Leather belt', 29900],
      ['잠옷 세트', 'Pajama set', 34900],
    ],
  },
  {
    name: '디지털',
    nameEn: 'Electronics',
    demand: 7,
    costRatio: 0.78,
    products: [
      ['무선 이어폰', 'Wireless earbuds', 89000],
      ['블루투스 스피커', 'Bluetooth speaker', 59000],
      ['65W 고속 충전기', '65W fast charger', 39900],
      ['USB-C 케이블 2개', 'USB-C cables x2', 12900],
      ['보조배터리 10000mAh', 'Power bank 10,000mAh', 29900],
      ['무선 마우스', 'Wireless mouse', 24900],
      ['기계식 키보드', 'Mechanical keyboard', 99000],
      ['27인치 모니터', '27-inch monitor', 289000],
      ['스마트워치', 'Smartwatch', 199000],
      ['휴대용 선풍기', 'Handheld fan', 19900, 'summer'],
      ['로봇청소기', 'Robot vacuum', 349000],
      ['공기청정기', 'Air purifier', 219000, 'spring'],
      ['태블릿 거치대', 'Tablet stand', 19900],
      ['FHD 웹캠', 'Full HD webcam', 49000],
      ['제습기 10L', 'Dehumidifier 10L', 239000, 'summer'],
    ],
  },
  {
    name: '주방용품',
    nameEn: 'Kitchen',
    demand: 9,
    costRatio: 0.55,
    products: [
      ['스테인리스 프라이팬 28cm', 'Stainless frying pan 28cm', 39900],
      ['양수 냄비 20cm', 'Two-handled pot 20cm', 32900],
      ['에어프라이어 5.5L', 'Air fryer 5.5L', 89000],
      ['전기포트 1.7L', 'Electric kettle 1.7L', 34900],
      ['밀폐용기 10종 세트', 'Food storage containers set of 10', 29900],
      ['실리콘 주걱 세트', 'Silicone spatula set', 12900],
      ['항균 도마 2종', 'Antibacterial cutting boards x2', 19900],
      ['셰프 식칼', "Chef's knife", 45000],
      ['보온 텀블러 500ml', 'Insulated tumbler 500ml', 24900],
      ['유리컵 6개 세트', 'Drinking glasses set of 6', 17900],
      ['수저 세트', 'Spoon and chopsticks set', 15900],
      ['전기밥솥 6인용', 'Rice cooker for 6', 129000],
      ['핸드 블렌더', 'Hand blender', 49900],
      ['김치통 5L', 'Kimchi container 5L', 18900],
      ['핸드드립 세트', 'Pour-over coffee set', 27900],
    ],
  },
  {
    name: '스포츠',
    nameEn: 'Sports & outdoors',
    demand: 8,
    costRatio: 0.6,
    products: [
      ['요가 매트 10mm', 'Yoga mat 10mm', 24900],
      ['아령 5kg 2개', 'Dumbbells 5kg x2', 34900],
      ['폼롤러', 'Foam roller', 19900],
      ['캠핑 의자', 'Camping chair', 49000, 'spring'],
      ['원터치 텐트', 'Pop-up tent', 89000, 'spring'],
      ['등산 스틱', 'Trekking poles', 39900, 'spring'],
      ['자전거 헬멧', 'Bicycle helmet', 45000, 'spring'],
      ['수경', 'Swimming goggles', 16900, 'summer'],
      ['줄넘기', 'Jump rope', 9900],
      ['아이스박스 25L', 'Cooler box 25L', 59000, 'summer'],
      ['배드민턴 라켓 세트', 'Badminton racket set', 32900, 'spring'],
      ['스포츠 물병 1L', 'Sports water bottle 1L', 14900, 'summer'],
      ['저항 밴드 세트', 'Resistance band set', 17900],
      ['등산 배낭 30L', 'Hiking backpack 30L', 69000, 'spring'],
      ['쿨토시 2쌍', 'Cooling arm sleeves x2', 9900, 'summer'],
    ],
  },
];

/** Popularity multiplier per season for January..June (index 0 = January). */
export const SEASON_BY_MONTH: Record<Season, readonly number[]> = {
  winter: [1.9, 1.6, 1.0, 0.6, 0.4, 0.3],
  spring: [0.5, 0.8, 1.5, 1.8, 1.3, 0.8],
  summer: [0.3, 0.4, 0.6, 1.0, 1.8, 2.4],
};

/** Korean surnames: hangul, romanization, relative frequency. */
export const SURNAMES: ReadonlyArray<[string, string, number]> = [
  ['김', 'kim', 21.5], ['이', 'lee', 14.7], ['박', 'park', 8.4], ['최', 'choi', 4.7], ['정', 'jung', 4.3],
  ['강', 'kang', 2.3], ['조', 'cho', 2.1], ['윤', 'yoon', 2.1], ['장', 'jang', 2.0], ['임', 'lim', 1.7],
  ['한', 'han', 1.5], ['오', 'oh', 1.5], ['서', 'seo', 1.5], ['신', 'shin', 1.5], ['권', 'kwon', 1.4],
  ['황', 'hwang', 1.4], ['안', 'ahn', 1.4], ['송', 'song', 1.4], ['류', 'ryu', 1.2], ['전', 'jeon', 1.1],
  ['홍', 'hong', 1.1], ['고', 'ko', 0.9], ['문', 'moon', 0.9], ['양', 'yang', 0.9], ['손', 'son', 0.9],
  ['배', 'bae', 0.8], ['백', 'baek', 0.8], ['허', 'heo', 0.6], ['노', 'noh', 0.6], ['남', 'nam', 0.5],
];

/** Given names for men: hangul and romanization. */
export const MALE_NAMES: ReadonlyArray<[string, string]> = [
  ['민준', 'minjun'], ['서준', 'seojun'], ['도윤', 'doyun'], ['예준', 'yejun'], ['시우', 'siwoo'],
  ['하준', 'hajun'], ['지호', 'jiho'], ['주원', 'juwon'], ['지훈', 'jihun'], ['준서', 'junseo'],
  ['현우', 'hyunwoo'], ['건우', 'gunwoo'], ['우진', 'woojin'], ['성민', 'sungmin'], ['동현', 'donghyun'],
  ['영호', 'youngho'], ['정훈', 'junghoon'], ['상철', 'sangcheol'], ['재현', 'jaehyun'], ['승현', 'seunghyun'],
  ['태양', 'taeyang'], ['민수', 'minsu'], ['진우', 'jinwoo'], ['경수', 'kyungsoo'], ['형준', 'hyungjun'],
  ['준혁', 'junhyuk'], ['상우', 'sangwoo'], ['성호', 'sungho'], ['대현', 'daehyun'], ['기범', 'kibum'],
];

/** Given names for women: hangul and romanization. */
export const FEMALE_NAMES: ReadonlyArray<[string, string]> = [
  ['서연', 'seoyeon'], ['서윤', 'seoyun'], ['지우', 'jiwoo'], ['하은', 'haeun'], ['민서', 'minseo'],
  ['지민', 'jimin'], ['수아', 'sua'], ['지유', 'jiyu'], ['채원', 'chaewon'], ['수빈', 'subin'],
  ['예린', 'yerin'], ['유진', 'yujin'], ['은지', 'eunji'], ['혜진', 'hyejin'], ['지영', 'jiyoung'],
  ['미경', 'mikyung'], ['은영', 'eunyoung'], ['수정', 'sujung'], ['현정', 'hyunjung'], ['민지', 'minji'],
  ['다은', 'daeun'], ['소연', 'soyeon'], ['윤아', 'yuna'], ['정희', 'junghee'], ['영미', 'youngmi'],
  ['나연', 'nayeon'], ['보람', 'boram'], ['선영', 'sunyoung'], ['혜원', 'hyewon'], ['주희', 'juhee'],
];

/** E-mail providers and their relative share. */
export const EMAIL_DOMAINS: ReadonlyArray<[string, number]> = [
  ['naver.com', 45], ['gmail.com', 30], ['daum.net', 10], ['kakao.com', 8], ['hanmail.net', 7],
];

/** Provinces and metropolitan cities (short names), their population share, and some of their districts. */
export const REGIONS: ReadonlyArray<[region: string, share: number, cities: readonly string[]]> = [
  ['서울', 18.5, ['강남구', '송파구', '마포구', '관악구', '노원구', '강서구', '성북구', '영등포구']],
  ['경기', 26.5, ['수원시', '성남시', '고양시', '용인시', '부천시', '화성시', '남양주시', '안양시']],
  ['인천', 5.8, ['연수구', '남동구', '부평구', '서구']],
  ['부산', 6.4, ['해운대구', '부산진구', '동래구', '사하구']],
  ['대구', 4.6, ['수성구', '달서구', '북구']],
  ['광주', 2.8, ['북구', '서구', '광산구']],
  ['대전', 2.8, ['유성구', '서구', '중구']],
  ['울산', 2.1, ['남구', '중구', '울주군']],
  ['세종', 0.8, ['세종시']],
  ['강원', 2.9, ['춘천시', '원주시', '강릉시']],
  ['충북', 3.1, ['청주시', '충주시']],
  ['충남', 4.1, ['천안시', '아산시', '공주시']],
  ['전북', 3.4, ['전주시', '군산시', '익산시']],
  ['전남', 3.5, ['여수시', '순천시', '목포시']],
  ['경북', 5.0, ['포항시', '구미시', '경주시']],
  ['경남', 6.3, ['창원시', '김해시', '진주시']],
  ['제주', 1.3, ['제주시', '서귀포시']],
];
