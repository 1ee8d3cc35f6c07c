import type { RoleGrant } from './access-level.js';

const grant = (control: RoleGrant['control'], data: RoleGrant['data'], provider: string | '*'): RoleGrant => ({
  control,
  data,
  providers: provider === '*' ? '*' : new Set([provider]),
});

/**
 * Well-known Azure built-in roles by GUID, used only when an export holds the assignment but not the role
 * definition (role definitions live in `authorizationresources` and are often left out of exports).
 */
export const BUILTIN_ROLES: Readonly<Record<string, { readonly name: string; readonly grant: RoleGrant }>> = {
  '8e3af657-a8ff-443c-a75c-2fe8c4bcb635': { name: 'Owner', grant: grant('admin', null, '*') },
  'b24988ac-6180-42a0-ab88-20f7382dd24c': { name: 'Contributor', grant: grant('write', null, '*') },
  'acdd72a7-3385-48ef-bd42-f606fba81ae7': { name: 'Reader', grant: grant('read', null, '*') },
  'b7e6dc6d-f1e8-4753-8033-0f276bb0955b': { name: 'Storage Blob Data Owner', grant: grant('read', 'write', 'microsoft.storage') },
  'ba92f5b4-2d11-453d-a403-e96b0029c9fe': { name: 'Storage Blob Data Contributor', grant: grant('write', 'write', 'microsoft.storage') },
  '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1': { name: 'Storage Blob Data Reader', grant: grant('read', 'read', 'microsoft.storage') },
  '974c5e8b-45b9-4653-ba55-5f855dd0fb88': { name: 'Storage Queue Data Contributor', grant: grant('write', 'write', 'microsoft.storage') },
  '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3': { name: 'Storage Table Data Contributor', grant: grant('write', 'write', 'microsoft.storage') },
  '17d1049b-9a84-46fb-8f53-869881c3d3ab': { name: 'Storage Account Contributor', grant: grant('write', null, 'microsoft.storage') },
  '00482a5a-887f-4fb3-b363-3b7fe8e74483': { name: 'Key Vault Administrator', grant: grant('read', 'write', 'microsoft.keyvault') },
  'b86a8fe4-44ce-4948-aee5-eccb2c155cd7': { name: 'Key Vault Secrets Officer', grant: grant('read', 'write', 'microsoft.keyvault') },
  '4633458b-17de-408a-b874-0445c86b69e6': { name: 'Key Vault Secrets User', grant: grant(null, 'read', 'microsoft.keyvault') },
  '21090545-7ca7-4776-b22c-e363652d74d2': { name: 'Key Vault Reader', grant: grant('read', 'read', 'microsoft.keyvault') },
  '9b7fa17d-e63e-47b0-bb0a-15c516ac86ec': { name: 'SQL DB Contributor', grant: grant('write', null, 'microsoft.sql') },
  '6d8ee4ec-f05a-4a1d-8b00-a9b17e38b437': { name: 'SQL Server Contributor', grant: grant('write', null, 'microsoft.sql') },
  '5bd9cd88-fe45-4216-938b-f97437e15450': { name: 'DocumentDB Account Contributor', grant: grant('write', null, 'microsoft.documentdb') },
  'fbdf93bf-df7d-467e-a4d2-9458aa1360c8': { name: 'Cosmos DB Account Reader Role', grant: grant('read', null, 'microsoft.documentdb') },
};
