export {
  GuardrailScorecardCard,
  GuardrailScorecardView,
} from './GuardrailScorecardCard';
export { ExemptionDialog } from './ExemptionDialog';
