import type { AccessLevel } from './access-level.js';

/**
 * Well-known Azure built-in roles by GUID, used only when an export holds the assignment but not the role
 * definition (role definitions live in `authorizationresources` and are often left out of exports).
 */
export const BUILTIN_ROLES: Readonly<Record<string, { readonly name: string; readonly access: AccessLevel }>> = {
  '8e3af657-a8ff-443c-a75c-2fe8c4bcb635': { name: 'Owner', access: 'admin' },
  'b24988ac-6180-42a0-ab88-20f7382dd24c': { name: 'Contributor', access: 'write' },
  'acdd72a7-3385-48ef-bd42-f606fba81ae7': { name: 'Reader', access: 'read' },
  'b7e6dc6d-f1e8-4753-8033-0f276bb0955b': { name: 'Storage Blob Data Owner', access: 'admin' },
  'ba92f5b4-2d11-453d-a403-e96b0029c9fe': { name: 'Storage Blob Data Contributor', access: 'write' },
  '2a2b9908-6ea1-4ae2-8e65-a410df84e7d1': { name: 'Storage Blob Data Reader', access: 'read' },
  '974c5e8b-45b9-4653-ba55-5f855dd0fb88': { name: 'Storage Queue Data Contributor', access: 'write' },
  '0a9a7e1f-b9d0-4cc4-a60d-0319b160aaa3': { name: 'Storage Table Data Contributor', access: 'write' },
  '17d1049b-9a84-46fb-8f53-869881c3d3ab': { name: 'Storage Account Contributor', access: 'write' },
  '00482a5a-887f-4fb3-b363-3b7fe8e74483': { name: 'Key Vault Administrator', access: 'admin' },
  'b86a8fe4-44ce-4948-aee5-eccb2c155cd7': { name: 'Key Vault Secrets Officer', access: 'write' },
  '4633458b-17de-408a-b874-0445c86b69e6': { name: 'Key Vault Secrets User', access: 'read' },
  '21090545-7ca7-4776-b22c-e363652d74d2': { name: 'Key Vault Reader', access: 'read' },
  '9b7fa17d-e63e-47b0-bb0a-15c516ac86ec': { name: 'SQL DB Contributor', access: 'write' },
  '6d8ee4ec-f05a-4a1d-8b00-a9b17e38b437': { name: 'SQL Server Contributor', access: 'write' },
  '5bd9cd88-fe45-4216-938b-f97437e15450': { name: 'DocumentDB Account Contributor', access: 'write' },
  'fbdf93bf-df7d-467e-a4d2-9458aa1360c8': { name: 'Cosmos DB Account Reader Role', access: 'read' },
};
