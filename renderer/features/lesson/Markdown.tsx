import type { ReactNode } from 'react';
import ReactMarkdown, { type Components } from 'react-markdown';
import remarkGfm from 'remark-gfm';
import remarkCjkFriendly from 'remark-cjk-friendly';
import { CodeBlock } from '../../ui/CodeBlock.tsx';

/** Longer inline code may wrap (it would overflow the column); shorter never breaks inside a name. */
const NOWRAP_MAX = 40;

interface HastNode {
  type: string;
  tagName?: string;
  value?: string;
  properties?: { className?: unknown };
  children?: HastNode[];
}

function textOf(node: HastNode): string {
  return node.type === 'text' ? (node.value ?? '') : (node.children ?? []).map(textOf).join('');
}

function textOfChildren(children: ReactNode): string {
  if (typeof children === 'string' || typeof children === 'number') return String(children);
  if (Array.isArray(children)) return children.map(textOfChildren).join('');
  return '';
}

const COMPONENTS: Components = {
  // Fenced ```sql blocks are highlighted like the editor; other blocks (JSON lines, diagrams) stay plain.
  pre({ node, children }) {
    const code = (node as HastNode | undefined)?.children?.find((c) => c.type === 'element' && c.tagName === 'code');
    const cls = code?.properties?.className;
    if (code && Array.isArray(cls) && cls.includes('language-sql')) return <CodeBlock code={textOf(code).replace(/\n$/, '')} copyable />;
    return <pre>{children}</pre>;
  },
  code({ className, children }) {
    const text = textOfChildren(children);
    const short = !text.includes('\n') && text.length <= NOWRAP_MAX;
    return <code className={[className, short ? 'code-nowrap' : ''].filter(Boolean).join(' ') || undefined}>{children}</code>;
  },
};

/**
 * Lesson prose: GitHub-flavoured Markdown, no raw HTML (react-markdown never renders it).
 * remark-cjk-friendly lets `**강조**` close before Korean particles (`**CTR)**은`), which plain
 * CommonMark refuses.
 */
export function Markdown({ text }: { text: string }) {
  return (
    <div className="prose">
      <ReactMarkdown remarkPlugins={[remarkGfm, remarkCjkFriendly]} components={COMPONENTS}>
        {text}
      </ReactMarkdown>
    </div>
  );
}
