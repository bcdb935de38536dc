import { Link } from '@backstage/core-components';
import { safeLinkUri } from '../shared/MissionMarkdown';

/** An external link from configuration or user input: only web, mail or relative URLs link. */
export const SafeLink = ({
  href,
  children,
}: {
  href: string;
  children?: string;
}) => {
  const safe = safeLinkUri(href);
  if (!safe) return <span>{children ?? href}</span>;
  return (
    <Link to={safe} target="_blank" rel="noopener noreferrer">
      {children ?? href}
    </Link>
  );
};
