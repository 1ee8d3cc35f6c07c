import { MemoryStore } from '../../src/store/index.js';
import { describeGraphStoreContract } from './graph-store-contract.js';

describeGraphStoreContract('memory', () => MemoryStore.open());
