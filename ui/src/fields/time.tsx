/** A time of day, typed as hh:mm. */
import { defineFieldType, type ControlProps } from './fieldType.js';

function TimeControl({ common, input, text }: ControlProps) {
  return <input {...common} ref={input.ref} type="text" inputMode="numeric" placeholder="hh:mm" value={text} onChange={input.onChange} />;
}

export const timeField = defineFieldType({ Control: TimeControl });
