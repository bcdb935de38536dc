export { GuardrailEntityContent } from './GuardrailEntityContent';
