export { TeamScorecardCard, TeamScorecardView } from './TeamScorecardCard';
