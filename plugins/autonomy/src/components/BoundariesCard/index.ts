export { BoundariesCard } from './BoundariesCard';
export { BoundariesView } from './BoundariesView';
