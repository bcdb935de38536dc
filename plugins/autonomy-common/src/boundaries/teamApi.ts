import { AUTONOMY_ANNOTATIONS } from '../annotations';
import { isCalendarDate } from '../dates';
import { parseRefOfKind } from '../refs';
import type { TeamApi } from '../schema/openapi/generated';

/** Team types of Team Topologies. @public */
export const TEAM_TYPES = [
  'stream-aligned',
  'platform',
  'enabling',
  'complicated-subsystem',
] as const;
/** @public */
export type TeamType = (typeof TEAM_TYPES)[number];

/** Interaction modes of Team Topologies. @public */
export const INTERACTION_MODES = [
  'x-as-a-service',
  'collaboration',
  'facilitating',
] as const;
/** @public */
export type InteractionMode = (typeof INTERACTION_MODES)[number];

const CHAT_CHANNEL = /^#[\p{L}\p{N}][\p{L}\p{N}._-]*$/u;
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Where to ask a team for help: a chat channel, a web page, or an email address. */
function isSupportChannel(value: string): boolean {
  if (value.length > 200) return false;
  if (CHAT_CHANNEL.test(value) || EMAIL.test(value)) return true;
  try {
    const url = new URL(value);
    return (
      (['http:', 'https:'].includes(url.protocol) && url.hostname !== '') ||
      (url.protocol === 'mailto:' && EMAIL.test(url.pathname))
    );
  } catch {
    return false;
  }
}

/**
 * Reads a Group's team API from its annotations. `interactions` is a comma-separated list of
 * `mode:team` entries, with `@YYYY-MM-DD` for an end date, e.g.
 * `x-as-a-service:platform-runtime, collaboration:payments@2027-03-31`. Returns the parsed API and
 * every problem in words, each naming the annotation; a collaboration needs an end date.
 *
 * @public
 */
export function parseTeamApi(
  annotations: Record<string, string> | undefined,
  namespace = 'default',
): { teamApi: TeamApi; problems: string[] } {
  const problems: string[] = [];
  const teamApi: TeamApi = { interactions: [] };
  const type = annotations?.[AUTONOMY_ANNOTATIONS.teamType]?.trim();
  if (type !== undefined) {
    if ((TEAM_TYPES as readonly string[]).includes(type))
      teamApi.teamType = type as TeamType;
    else
      problems.push(
        `${
          AUTONOMY_ANNOTATIONS.teamType
        } "${type}" is not a team type (${TEAM_TYPES.join(', ')})`,
      );
  }
  const channel = annotations?.[AUTONOMY_ANNOTATIONS.supportChannel]?.trim();
  if (channel) {
    if (isSupportChannel(channel)) teamApi.supportChannel = channel;
    else
      problems.push(
        `${AUTONOMY_ANNOTATIONS.supportChannel} ${JSON.stringify(
          channel,
        )} is not a chat channel (#team-checkout), an http or https address or an email address`,
      );
  }
  const raw = annotations?.[AUTONOMY_ANNOTATIONS.interactions];
  const key = AUTONOMY_ANNOTATIONS.interactions;
  for (const entry of (raw ?? '')
    .split(',')
    .map(e => e.trim())
    .filter(Boolean)) {
    const match = /^([a-z-]+):([^@\s]+)(?:@(.+))?$/.exec(entry);
    if (!match) {
      problems.push(
        `${key} entry "${entry}" is not "mode:team" or "mode:team@YYYY-MM-DD"`,
      );
      continue;
    }
    const [, mode, team, endsOn] = match;
    if (!(INTERACTION_MODES as readonly string[]).includes(mode)) {
      problems.push(
        `${key} entry "${entry}": "${mode}" is not an interaction mode (${INTERACTION_MODES.join(
          ', ',
        )})`,
      );
      continue;
    }
    const parsed = parseRefOfKind(team, 'group', namespace);
    if (!('ref' in parsed)) {
      problems.push(
        `${key} entry "${entry}": "${team}" is not a Group reference`,
      );
      continue;
    }
    const teamRef = parsed.ref;
    if (endsOn !== undefined && !isCalendarDate(endsOn)) {
      problems.push(
        `${key} entry "${entry}": end date "${endsOn}" is not a calendar date YYYY-MM-DD`,
      );
      continue;
    }
    if (mode === 'collaboration' && !endsOn) {
      problems.push(
        `${key} entry "${entry}": a collaboration is time-boxed and needs an end date (@YYYY-MM-DD)`,
      );
      continue;
    }
    teamApi.interactions.push({
      mode: mode as InteractionMode,
      teamRef,
      ...(endsOn ? { endsOn } : {}),
    });
  }
  return { teamApi, problems };
}
