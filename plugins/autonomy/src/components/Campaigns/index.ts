export { CampaignsContent } from './CampaignsContent';
export { EntityCampaignsCard } from './EntityCampaignsCard';
