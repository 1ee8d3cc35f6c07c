// The riskiest stored attack paths, with their steps in order. `analyze` writes one AttackPath node per path
// (rank 1 = riskiest) and a TRAVERSES edge to every step, `position` 0 being the internet.
//
// Parameters: $limit (integer, e.g. 20).
MATCH (path:AttackPath)
WITH path ORDER BY path.rank LIMIT $limit
MATCH (path)-[step:TRAVERSES]->(node)
WITH path, step.position AS position, node ORDER BY position
RETURN path.rank AS rank, path.riskLevel AS riskLevel, path.score AS score, path.name AS name,
       collect(node.id) AS steps
ORDER BY rank
