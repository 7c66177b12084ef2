// Types for the trimmed Monaco bundle: the same API as the full package.
export * from 'monaco-editor';
