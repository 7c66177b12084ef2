// The course map's index, made at build time (scripts/lib/course-index-plugin.ts); course-index.ts
// gives it its types (an ambient module cannot import the app's types by relative path).
declare module 'virtual:datalit-course-index' {
  export const COURSE_INDEX: unknown;
  export const REFUSED: unknown;
}
