import { Fragment } from 'react';

/** Text with `backticked` parts in the code font: how explanations mark names and SQL. */
export function Ticks({ text }: { text: string }) {
  const parts = text.split('`');
  // An odd number of parts means the backticks pair up; otherwise show the text as it is.
  if (parts.length % 2 === 0) return <>{text}</>;
  return (
    <>
      {parts.map((part, i) =>
        i % 2 === 1 ? (
          <code key={i} className="inline-code">
            {part}
          </code>
        ) : (
          <Fragment key={i}>{part}</Fragment>
        ),
      )}
    </>
  );
}

/** A list of names as one `a`, `b` parameter for a sentence that wraps it in backticks. */
export function tickList(list: string): string {
  return list.split(', ').join('`, `');
}
