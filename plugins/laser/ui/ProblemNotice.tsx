/** Why the last thing did not work, big enough to read from the machine; announced when it appears. */
import { Icon } from '#ui-plugin';

export function ProblemNotice({ text, detail, id }: { text: string; detail?: string | null; id?: string }) {
  return (
    <div id={id} className="shop-floor-problem" role="alert">
      <Icon name="alert" size={24} />
      <div>
        <p>{text}</p>
        {detail && <p className="muted small">{detail}</p>}
      </div>
    </div>
  );
}
