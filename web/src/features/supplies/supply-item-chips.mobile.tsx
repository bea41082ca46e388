import type { SupplyItem } from '@anchang/contracts';
import { useItemName } from './supplies-ui';
import { flatten, useSupplyItems } from './use-supplies';
import styles from './supplies.mobile.module.css';

/**
 * The site's supply items as one-tap chips for the post-shift requisition (HALL-POST-2): a line
 * picked here names the item, so the storekeeper can issue it from a store once approved.
 */
export function SupplyItemChips({ siteId, onPick }: { siteId: string; onPick: (item: SupplyItem) => void }) {
  const name = useItemName();
  const items = flatten(useSupplyItems(siteId).data);
  if (items.length === 0) return null;
  return (
    <div className={styles.pickChips} data-testid="supply-item-chips">
      {items.map((i) => (
        <button key={i.id} type="button" className={styles.pickChip} onClick={() => onPick(i)}>
          {name(i)}
        </button>
      ))}
    </div>
  );
}
