/** The id of an endpoint's card on its organization's page: `/o/:slug/webhooks#webhook-<id>`. */
export const anchorOf = (id: string) => `webhook-${id}`
