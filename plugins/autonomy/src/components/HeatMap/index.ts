export { HeatMap, HeatMapTable } from './HeatMap';
