/**
 * The subset of SARIF 2.1.0 (OASIS) this tool writes. Field names follow the standard exactly; tests validate the
 * output against the official JSON schema.
 */
export type SarifLevel = 'error' | 'warning' | 'note' | 'none';

export interface SarifMessage {
  readonly text: string;
  readonly markdown?: string;
}

export interface SarifLogicalLocation {
  readonly name: string;
  readonly fullyQualifiedName: string;
  readonly kind: string;
}

export interface SarifLocation {
  readonly id?: number;
  readonly logicalLocations?: readonly SarifLogicalLocation[];
  readonly message?: SarifMessage;
}

export type SarifProperties = Readonly<Record<string, unknown>> & { readonly tags?: readonly string[] };

export interface SarifRule {
  readonly id: string;
  readonly name: string;
  readonly shortDescription: SarifMessage;
  readonly fullDescription: SarifMessage;
  readonly help: SarifMessage;
  readonly defaultConfiguration: { readonly level: SarifLevel };
  readonly properties: SarifProperties;
}

export interface SarifThreadFlowLocation {
  readonly executionOrder: number;
  readonly location: SarifLocation;
}

export interface SarifResult {
  readonly ruleId: string;
  readonly ruleIndex: number;
  readonly kind: 'fail';
  readonly level: SarifLevel;
  readonly message: SarifMessage;
  readonly locations: readonly SarifLocation[];
  readonly relatedLocations?: readonly SarifLocation[];
  readonly codeFlows?: readonly { readonly threadFlows: readonly { readonly locations: readonly SarifThreadFlowLocation[] }[] }[];
  readonly partialFingerprints: Readonly<Record<string, string>>;
  readonly properties: SarifProperties;
}

export interface SarifLog {
  readonly $schema: string;
  readonly version: '2.1.0';
  readonly runs: readonly {
    readonly tool: {
      readonly driver: {
        readonly name: string;
        readonly version: string;
        readonly semanticVersion?: string;
        readonly informationUri?: string;
        readonly rules: readonly SarifRule[];
      };
    };
    readonly automationDetails?: { readonly id: string };
    readonly columnKind?: 'utf16CodeUnits';
    readonly results: readonly SarifResult[];
  }[];
}

export interface SarifOptions {
  /** The apiposture version, for tool.driver.version. */
  readonly toolVersion?: string;
}
