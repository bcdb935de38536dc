export { ScorecardView } from './ScorecardView';
export { ScorecardsContent } from './ScorecardsContent';
