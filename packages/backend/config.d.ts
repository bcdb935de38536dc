export interface Config {
  autonomy?: {
    /**
     * Platform admins of the demo portal's permission policy (`src/permissionPolicy.ts`): user or
     * group entity refs, matched against the signed-in user's ownership refs. They may do
     * everything in Aligned Autonomy. Read by this backend, not by the autonomy plugin.
     */
    platformAdmins?: string[];
  };
}
