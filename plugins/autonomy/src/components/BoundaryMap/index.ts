export { BoundaryMap, BoundaryMapView } from './BoundaryMap';
export { buildBoundaryGraph, edgeLabel } from './buildBoundaryGraph';
