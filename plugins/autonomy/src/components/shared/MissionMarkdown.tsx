import { MarkdownContent } from '@backstage/core-components';

const SAFE_LINK = /^(https?:|mailto:|\/|#|\.\.?\/)/i;

/** Keeps web, mail and relative links; any other scheme (javascript:, data:…) becomes no link. */
export const safeLinkUri = (uri: string) =>
  SAFE_LINK.test(uri.trim()) ? uri : '';

/**
 * Mission text as Markdown, stricter than the catalog's default rendering: the CommonMark dialect
 * runs no raw-HTML plugin (tags show as text instead of being sanitised into the page), images get
 * no source so a mission cannot embed tracking pixels, and links other than web, mail or relative
 * ones are dropped: Backstage's Link throws on `javascript:` URLs, which would take the card down.
 */
export const MissionMarkdown = ({ content }: { content: string }) => (
  <MarkdownContent
    content={content}
    dialect="common-mark"
    transformLinkUri={safeLinkUri}
    transformImageUri={() => ''}
  />
);
