export { AmiFramer, frameAll, type AmiFramerOptions, type AmiFramerStats } from './ami-framer';
export { parseMessageLines } from './parse-message';
export {
  createMessage, getField, getFieldValues,
  type AmiFieldValue, type AmiFields, type AmiMessage,
} from './ami-message';
export { serializeMessage, AmiProtocolError, type AmiOutgoing, type AmiOutgoingValue } from './serialize-message';
export { parseChanVariables, findChanVariable, type ChanVariables } from './chan-variables';
