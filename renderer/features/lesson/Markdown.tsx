import ReactMarkdown from 'react-markdown';
import remarkGfm from 'remark-gfm';
import remarkCjkFriendly from 'remark-cjk-friendly';

/**
 * Lesson prose: GitHub-flavoured Markdown, no raw HTML (react-markdown never renders it).
 * remark-cjk-friendly lets `**강조**` close before Korean particles (`**CTR)**은`), which plain
 * CommonMark refuses.
 */
export function Markdown({ text }: { text: string }) {
  return (
    <div className="prose">
      <ReactMarkdown remarkPlugins={[remarkGfm, remarkCjkFriendly]}>{text}</ReactMarkdown>
    </div>
  );
}
