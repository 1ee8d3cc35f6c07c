// The findings (recommendations) on one asset, most severe first, with the evidence that proved them.
// `analyze` writes one Finding node per (recommendation, asset) and an AFFECTS edge to the asset.
//
// Parameters: $assetId (the asset's lower-cased ARM id).
MATCH (finding:Finding)-[:AFFECTS]->(:Entity {id: $assetId})
RETURN finding.recommendation AS recommendation, finding.severity AS severity, finding.insight AS insight,
       finding.evidence AS evidence
ORDER BY CASE finding.severity WHEN 'High' THEN 0 WHEN 'Medium' THEN 1 WHEN 'Low' THEN 2 ELSE 3 END, recommendation
