export { isValidPhoneNumber } from './validate.js';
