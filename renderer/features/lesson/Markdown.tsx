import ReactMarkdown from 'react-markdown';
import remarkGfm from 'remark-gfm';

/** Lesson prose: GitHub-flavoured Markdown, no raw HTML (react-markdown never renders it). */
export function Markdown({ text }: { text: string }) {
  return (
    <div className="prose">
      <ReactMarkdown remarkPlugins={[remarkGfm]}>{text}</ReactMarkdown>
    </div>
  );
}
