export * from './CampaignEntityV1alpha1';
export { campaignEntityV1alpha1Schema } from './campaignSchema';
export {
  normalizeCampaignEntity,
  validateCampaignEntity,
} from './validateCampaign';
