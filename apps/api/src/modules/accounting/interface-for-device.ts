/**
 * The queue interface of the phone a CDR names: the deployment's AGENT_INTERFACE_TEMPLATE filled
 * with the extension when the device has the template's shape (`PJSIP/8001` for `PJSIP/{extension}`;
 * `Local/8001@agents` for `Local/{extension}@agents/n`), otherwise the device itself.
 */
import { deviceOf } from './derive-pbx-call.js';

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

export function interfaceForDevice(device: string, template: string): string {
  const [head, tail] = deviceOf(template).split('{extension}') as [string, string | undefined];
  if (tail === undefined) return device;
  const match = new RegExp(`^${escape(head)}([^/@;]+)${escape(tail)}$`).exec(device);
  return match ? template.replace('{extension}', match[1]!) : device;
}
