export { TeamGuardrailsCard } from './TeamGuardrailsCard';
