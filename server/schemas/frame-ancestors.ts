/** A link's frame-ancestors origins are part of the API: parsing and the request schema live in the contract. */
export * from '@atlas-sharing/contract';
