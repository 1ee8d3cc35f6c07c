import { describe, expect, it } from 'vitest';
import { SECRET, typesOf } from './helpers.js';

const AUTH = 'Http Authorization Header';

describe('Entra ID application client secrets', () => {
  // Shape: three characters, a digit, "Q~", then 31 to 34 characters (values below are made up, not issued).
  const secret = 'k7R3Q~Zp2vL8qW0xT5nB9mC4yH6jD1fG.s-Ua';

  it('reads one alone, in a neutral field and inside text', () => {
    expect(typesOf('value', secret)).toEqual([SECRET]);
    expect(typesOf('log', `new credential ${secret} issued`)).toEqual([SECRET]);
    expect(typesOf('log', `<value xsi:type="xsd:string">${secret}</value>`)).toEqual([SECRET]);
  });

  it('leaves placeholders and runs too long for the format', () => {
    expect(typesOf('log', `client_secret=ab18Q~${'x'.repeat(34)}`)).toEqual([]);
    expect(typesOf('log', `id,4~q8Q~3wIHjX9DT0yCNfQmr9oxmYrDZoQVLOdNg~yk0,AQ`)).toEqual([]);
    expect(typesOf('log', '~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~~')).toEqual([]);
  });
});

describe('credentials on a curl command line', () => {
  it('reads -u and --user pairs with a literal password, quoted or not', () => {
    expect(typesOf('note', 'curl --cacert ca.crt -u elastic:Wq7$mZ2!pR https://localhost:9200')).toEqual([SECRET]);
    expect(typesOf('note', `curl -s --user 'api:d9LkV24zQx!t' https://api.contoso.com/v2/messages`)).toEqual([SECRET]);
    expect(
      typesOf('note', 'curl https://api.contoso.com/token \\\n  --user c28wlsosa:q8snai0xokrw4j1 --data x=1'),
    ).toEqual([SECRET]);
    // An API key given as the user name with an empty password.
    expect(typesOf('note', 'curl https://api.contoso.com/v1/charges -u sk_Rk2xV9pQ4mZ7wL3tB8nC:')).toEqual([SECRET]);
  });

  it('leaves variables, placeholders, sample pairs and other tools', () => {
    for (const text of [
      `curl -u "$API_USER:$API_PASS" https://api.contoso.com`,
      'curl -u "${{ secrets.USER }}:${{ secrets.PASS }}" https://api.contoso.com',
      'curl --user <user:password> https://api.contoso.com',
      'curl --user neo4j:[PASSWORD] http://db:7474/',
      `curl -X POST --user "$(cat ./login.txt):$(cat ./password.txt)"`,
      `curl -i -u 'test:test'`,
      'curl http://127.0.0.1:5000/file --user user:pass --digest',
      'curl -u "myusername" http://localhost:15130/api/check_user/',
      'git push -u origin main:release',
    ])
      expect(typesOf('note', text), text).toEqual([]);
  });
});

describe('credential names with a holder suffix', () => {
  it('reads API_TOKEN_2=, secretValue and tokenString as credential names', () => {
    expect(typesOf('config', 'API_TOKEN_2=Zf3D0LXCM3EIMbgJpUNnkRtOfOueHznB')).toEqual([SECRET]);
    expect(typesOf('config', 'mySecretString=LQOCC48KhB5ZQEnw0Nmr3ghmrYTPek')).toEqual([SECRET]);
    expect(typesOf('tokenString', 'Zf3D0LXCM3EIMbgJpUNnkRtOfOueHznB')).toEqual([SECRET]);
  });

  it('leaves names where the suffix starts another word', () => {
    expect(typesOf('config', 'tokenValidity=3600')).toEqual([]);
    expect(typesOf('tokenValidity', 'Zf3D0LXCM3EIMbgJpUNnkRtOfOueHznB')).toEqual([]);
  });
});

describe('Authorization schemes', () => {
  it('reads the Api-Token scheme in text, not its variable form', () => {
    expect(typesOf('command', 'curl -H "Authorization: Api-Token 22cb987851bc5659229114c62e60c79abd0d2c08"')).toEqual([
      AUTH,
    ]);
    expect(typesOf('command', 'curl -H "Authorization: Api-Token $API_TOKEN"')).toEqual([]);
  });
});

describe('assignments in source and config syntaxes', () => {
  it('reads subscript names, empty-bracket names and Objective-C strings', () => {
    expect(typesOf('snippet', 'settings["client_secret"] = "Zf3D0LXCM3EIMbgJpUNnkRtOfOueHznB"')).toEqual([SECRET]);
    expect(typesOf('snippet', "settings['secret'] = Zf3D0LXCM3EIMbgJpUNnkRtOfOueHznB")).toEqual([SECRET]);
    expect(typesOf('snippet', 'apiKey[]= "Zf3D0LXCM3EIMbgJpUNnkRtOfOueHznB"')).toEqual([SECRET]);
    expect(typesOf('snippet', 'NSString *apiKey = @"Zf3D0LXCM3EIMbgJpUNnkRtOfOueHznB";')).toEqual([SECRET]);
  });

  it('reads config statements without an operator when the quoted value closes the statement', () => {
    expect(
      typesOf('config', 'key "transfer" { algorithm hmac-sha256; secret "Zf3D0LXCM3EIMbgJpUNnkRtOfOueHznB"; };'),
    ).toEqual([SECRET]);
    expect(typesOf('config', 'private_key "Zf3D0LXCM3EIMbgJpUNnkRtOfOueHznB";')).toEqual([SECRET]);
    expect(typesOf('config', 'private_key "some/dir/aint/a/secret";')).toEqual([]);
    expect(typesOf('config', 'throw new Error("bad token");')).toEqual([]);
  });

  it('keeps an "&" inside a password unless a parameter name follows it', () => {
    // Without the "&" rule the value would stop at "Tr", too short to be a password.
    expect(typesOf('log', 'login failed for user=ops password=Tr&9x!q')).toEqual([SECRET]);
    expect(typesOf('query', 'password=&user=ops&token=&page=2')).toEqual([]);
  });

  it('leaves code: calls, indexes, bare variables and the name passed as itself', () => {
    for (const text of [
      'my_password = foo(hey)you',
      "my_password = request.json_body['hey']",
      'login(username=username, password=password)',
      "apiKey: fs.readFileSync('foo',",
      '$password = $input;',
    ])
      expect(typesOf('snippet', text), text).toEqual([]);
  });
});
