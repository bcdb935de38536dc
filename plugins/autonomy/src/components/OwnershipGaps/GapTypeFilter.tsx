import { FormControl, InputLabel, MenuItem, Select } from '@material-ui/core';
import type { OwnershipGap } from '@aligned-autonomy/plugin-autonomy-common';
import { GAP_TYPE_LABELS, GAP_TYPES } from './gapTypes';

/** Choose one type of gap, or all; each option says how many there are. */
export const GapTypeFilter = ({
  items,
  value,
  onChange,
}: {
  items: OwnershipGap[];
  value: OwnershipGap['type'] | '';
  onChange: (value: OwnershipGap['type'] | '') => void;
}) => {
  const count = (type: OwnershipGap['type']) =>
    items.filter(g => g.type === type).length;
  return (
    <FormControl variant="outlined" size="small" style={{ minWidth: 260 }}>
      <InputLabel id="gap-type-filter-label">Type of gap</InputLabel>
      <Select
        labelId="gap-type-filter-label"
        label="Type of gap"
        value={value}
        onChange={e => onChange(e.target.value as OwnershipGap['type'] | '')}
      >
        <MenuItem value="">All types ({items.length})</MenuItem>
        {GAP_TYPES.filter(t => count(t) > 0).map(t => (
          <MenuItem key={t} value={t}>
            {GAP_TYPE_LABELS[t]} ({count(t)})
          </MenuItem>
        ))}
      </Select>
    </FormControl>
  );
};
