export { OwnershipGaps, OwnershipGapsTable } from './OwnershipGaps';
