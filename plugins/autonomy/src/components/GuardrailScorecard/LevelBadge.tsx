import { Chip } from '@material-ui/core';
import EmojiEventsIcon from '@material-ui/icons/EmojiEvents';
import { formatLevel } from './format';

/** The level reached, in words with an icon; "No level yet" when none is. */
export const LevelBadge = ({
  level,
  size,
}: {
  level: string | null;
  size?: 'small' | 'medium';
}) => (
  <Chip
    size={size}
    icon={<EmojiEventsIcon aria-hidden />}
    label={level ? formatLevel(level) : 'No level yet'}
    color={level ? 'primary' : 'default'}
    variant={level ? 'default' : 'outlined'}
  />
);
