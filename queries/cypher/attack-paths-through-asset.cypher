// Every stored attack path that passes through one asset (as entry, step or target), riskiest first: what fixing
// or isolating that asset would touch.
//
// Parameters: $assetId (the asset's lower-cased ARM id, or `internet`).
MATCH (path:AttackPath)-[step:TRAVERSES]->(:Entity {id: $assetId})
RETURN path.rank AS rank, path.riskLevel AS riskLevel, path.score AS score, path.name AS name,
       step.position AS position, path.entryId AS entry, path.targetId AS target
ORDER BY rank
