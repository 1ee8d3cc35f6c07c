/** The page at `/` until the web explorer lands: says so, and points at the API. No script, no style, no data. */
export const PLACEHOLDER_PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>apiposture</title>
</head>
<body>
<h1>apiposture</h1>
<p>The web explorer is not part of this version yet.</p>
<p>The GraphQL API is at <a href="/graphql">/graphql</a> (POST a query with Content-Type: application/json).</p>
</body>
</html>
`;
