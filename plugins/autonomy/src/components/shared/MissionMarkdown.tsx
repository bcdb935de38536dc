import { MarkdownContent } from '@backstage/core-components';
import { MISSION_TEXT_MAX_LENGTH } from '@aligned-autonomy/plugin-autonomy-common';

// Web, mail, fragment and relative links. A path may not start with a second slash or a
// backslash: `//host` and `/\host` are protocol-relative and leave the site.
const SAFE_LINK = /^(https?:|mailto:|\/(?![/\\])|#|\.\.?\/)/i;

/** Keeps web, mail and relative links; any other scheme (javascript:, data:…) becomes no link. */
export const safeLinkUri = (uri: string) => {
  // Browsers drop tabs and line breaks anywhere in a URL, so judge the URL they would follow.
  const followed = uri.replace(/[\t\n\r]/g, '').trim();
  return SAFE_LINK.test(followed) ? followed : '';
};

/** Quotes and lists nested deeper than this render at this depth. */
const MAX_NESTING = 8;
/** One container marker of a line: a quote, or a list item followed by a space. */
const MARKER = /[ \t]*(?:>|(?:[-*+]|\d{1,9}[.)])(?=[ \t]))/y;

function capNesting(line: string): string {
  MARKER.lastIndex = 0;
  let depth = 0;
  let kept = 0;
  let end = 0;
  while (MARKER.exec(line)) {
    depth++;
    end = MARKER.lastIndex;
    if (depth === MAX_NESTING) kept = end;
  }
  return depth > MAX_NESTING
    ? `${line.slice(0, kept)} ${line.slice(end).trimStart()}`
    : line;
}

/**
 * Mission text bounded before it is parsed: quotes and lists nested at most eight deep, and no
 * longer than a mission may be. The Markdown parser and React recurse once per level, so text from
 * the catalog such as 5,000 nested `>` would overflow the stack and take the page down.
 */
export function boundMarkdown(content: string): string {
  const text = content.split('\n').map(capNesting).join('\n');
  return text.length > MISSION_TEXT_MAX_LENGTH
    ? `${text.slice(0, MISSION_TEXT_MAX_LENGTH)}…`
    : text;
}

/**
 * Mission text as Markdown, stricter than the catalog's default rendering: the CommonMark dialect
 * runs no raw-HTML plugin (tags show as text instead of being sanitised into the page), images get
 * no source so a mission cannot embed tracking pixels, and links other than web, mail or relative
 * ones are dropped: Backstage's Link throws on `javascript:` URLs, which would take the card down.
 * The text is bounded first (see boundMarkdown).
 */
export const MissionMarkdown = ({ content }: { content: string }) => (
  <MarkdownContent
    content={boundMarkdown(content)}
    dialect="common-mark"
    transformLinkUri={safeLinkUri}
    transformImageUri={() => ''}
  />
);
