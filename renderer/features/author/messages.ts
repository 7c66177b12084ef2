/** Author mode's UI strings (used as `t('author.key')`). */
export const en = {
  command: 'Open lesson folder (author mode)…',
  closeCommand: 'Leave author mode',
  title: 'Author mode',
  watching: 'Watching {{folder}}: the lessons reload a second after you save a file.',
  reloadedAt: 'Last loaded at {{time}}',
  noLessons: 'No lesson has loaded yet: fix the problems below and save.',
  problemsTitle: 'Problems in the lesson files ({{count}})',
  stale: 'Shows the last version that loaded: its files now have problems (below).',
  progressNote:
    'Answers checked here try the lesson out: they are not part of your course progress and are cleared when you leave author mode.',
  leave: 'Leave author mode',
  draft: 'Draft',
  opening: 'Opening the folder…',
  unsupported:
    'This browser cannot open folders (it has no File System Access API). Use Chrome or Edge, or the desktop app, for author mode.',
  folderProblem: {
    'no-lessons': 'There is no lesson.json in {{folder}} or in its subfolders. Pick a lesson folder (npm run lesson:new makes one).',
    'too-large': 'The folder cannot be used: {{detail}}.',
    unreadable: 'The folder cannot be read ({{detail}}). Was it moved, renamed or deleted?',
    closed: 'The folder is no longer open.',
    unsupported: 'This browser cannot open folders.',
  },
  opened: 'Author mode: {{count}} lesson(s) from {{folder}}.',
  broken: 'The lesson files have problems; the last version that loaded stays open. {{first}}',
  stepGone: 'The step you were on is no longer in the lesson: its first step is open.',
  lessonGone: 'The lesson you were on is no longer in the folder.',
  left: 'Left author mode.',
};

/** Korean. */
export const ko: typeof en = {
  command: '레슨 폴더 열기(작성 모드)…',
  closeCommand: '작성 모드 끝내기',
  title: '작성 모드',
  watching: '{{folder}} 폴더를 지켜보고 있습니다. 파일을 저장하면 1초 안에 레슨을 다시 읽습니다.',
  reloadedAt: '마지막으로 읽은 시각: {{time}}',
  noLessons: '아직 읽어 들인 레슨이 없습니다. 아래 문제를 고치고 저장하세요.',
  problemsTitle: '레슨 파일의 문제({{count}}개)',
  stale: '마지막으로 읽은 버전을 보여 줍니다. 지금 파일에는 문제가 있습니다(아래).',
  progressNote: '여기서 확인한 답은 레슨을 시험해 보는 것입니다. 코스 진도에 들어가지 않으며 작성 모드를 끝내면 지워집니다.',
  leave: '작성 모드 끝내기',
  draft: '초안',
  opening: '폴더를 여는 중입니다…',
  unsupported:
    '이 브라우저는 폴더를 열 수 없습니다(File System Access API가 없습니다). 작성 모드는 Chrome이나 Edge, 또는 데스크톱 앱에서 쓰세요.',
  folderProblem: {
    'no-lessons': '{{folder}} 폴더와 그 하위 폴더에 lesson.json이 없습니다. 레슨 폴더를 고르세요(npm run lesson:new로 만들 수 있습니다).',
    'too-large': '이 폴더는 쓸 수 없습니다: {{detail}}.',
    unreadable: '폴더를 읽을 수 없습니다({{detail}}). 옮기거나 이름을 바꾸거나 지우지 않았는지 확인하세요.',
    closed: '폴더가 더는 열려 있지 않습니다.',
    unsupported: '이 브라우저는 폴더를 열 수 없습니다.',
  },
  opened: '작성 모드: {{folder}}에서 레슨 {{count}}개를 읽었습니다.',
  broken: '레슨 파일에 문제가 있어 마지막으로 읽은 버전을 그대로 둡니다. {{first}}',
  stepGone: '보고 있던 단계가 레슨에서 없어져 첫 단계를 열었습니다.',
  lessonGone: '보고 있던 레슨이 폴더에서 없어졌습니다.',
  left: '작성 모드를 끝냈습니다.',
};
