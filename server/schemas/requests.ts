/** Request bodies, params and queries of every route are the contract's (contract/requests.ts): one definition. */
export * from '@atlas-sharing/contract';
