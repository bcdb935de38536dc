export { MissionCard, MissionChainView } from './MissionCard';
