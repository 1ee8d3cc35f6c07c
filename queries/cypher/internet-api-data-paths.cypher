// Reference query for the main attack-path family, written the way one would without the path engine:
//
//   internet -CAN_REACH-> (gateway -CONTAINS-> api -CONTAINS-> endpoint | endpoint)
//            -ROUTES_TO-> backend -CAN_AUTHENTICATE_AS-> identity -HAS_PERMISSION_TO-> data store
//
// Bounded by its shape (at most 6 hops), over derived edges only (CAN_REACH, ROUTES_TO, HAS_PERMISSION_TO are
// written by `analyze`). Returns one row per (entry, endpoint, target) triple, as a set: duplicates are removed on
// the nodes themselves (cheap references) before their ids are read, and the rows are not sorted — a generated
// estate M has 1.4 million triples, and sorting their ids in one transaction needs more memory than a transaction
// is given on a modest server (768 MiB on the test server). The engine's paths of the same shape
// (`test/analysis/cypher-crosscheck.test.ts`) give exactly these triples; the benchmark `--suite paths-vs-cypher`
// times the two side by side.
//
// Parameters: none. Labels and edge types come from the closed model (src/model).
CALL {
  MATCH (:Internet)-[:CAN_REACH]->(entry:ApiGateway)-[:CONTAINS]->(:Api)-[:CONTAINS]->(endpoint:ApiEndpoint)
  RETURN entry, endpoint
  UNION
  MATCH (:Internet)-[:CAN_REACH]->(endpoint:ApiEndpoint)
  RETURN endpoint AS entry, endpoint
}
MATCH (endpoint)-[:ROUTES_TO]->(backend)-[:CAN_AUTHENTICATE_AS]->(identity:ManagedIdentity)-[:HAS_PERMISSION_TO]->(target:DataStore)
// A simple path: the backend is not the gateway the path came in by (an API may route back to its own gateway).
WHERE backend <> entry
WITH DISTINCT entry, endpoint, target
RETURN entry.id AS entry, endpoint.id AS endpoint, target.id AS target
