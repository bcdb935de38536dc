export { GuardrailPreviewContent } from './GuardrailPreviewContent';
