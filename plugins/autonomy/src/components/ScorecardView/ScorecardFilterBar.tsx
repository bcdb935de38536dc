import { Fragment, memo, type ReactNode } from 'react';
import {
  Button,
  Checkbox,
  InputAdornment,
  ListItemText,
  MenuItem,
  TextField,
  makeStyles,
} from '@material-ui/core';
import SearchIcon from '@material-ui/icons/Search';
import {
  GUARDRAIL_STATES,
  type GuardrailState,
} from '@aligned-autonomy/plugin-autonomy-common';
import { STATE_LABELS } from '../GuardrailScorecard/StateLabel';
import { EntityRefFilter, type ListFilterProps } from './EntityRefFilter';
import { levelName, NO_LEVEL } from './levels';
import {
  withSelected,
  type FilterParam,
  type ScorecardViewState,
} from './urlState';

/** What the filters offer; each list may be empty while loading or when its request failed. */
export interface FilterOptions {
  teams: string[];
  systems: string[];
  domains: string[];
  /** Lowest first. */
  levels: string[];
  guardrails: { id: string; title: string }[];
}

const useStyles = makeStyles(theme => ({
  bar: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(2),
  },
  select: { minWidth: 180, maxWidth: 260 },
  search: { minWidth: 240, flexGrow: 1, maxWidth: 400 },
}));

const MultiSelect = ({
  id,
  label,
  allLabel,
  options,
  value,
  onChange,
  renderOption,
}: ListFilterProps & { renderOption: (option: string) => ReactNode }) => {
  const classes = useStyles();
  const selected = value ?? [];
  return (
    <TextField
      id={id}
      select
      label={label}
      variant="outlined"
      size="small"
      className={classes.select}
      InputLabelProps={{ shrink: true }}
      value={selected}
      onChange={e => onChange(e.target.value as unknown as string[])}
      SelectProps={{
        multiple: true,
        displayEmpty: true,
        renderValue: v => {
          const chosen = v as string[];
          if (!chosen.length) return allLabel;
          return chosen.map((option, i) => (
            <Fragment key={option}>
              {i > 0 && ', '}
              {renderOption(option)}
            </Fragment>
          ));
        },
      }}
    >
      {withSelected(options, selected).map(option => (
        <MenuItem key={option} value={option} dense>
          <Checkbox
            checked={selected.includes(option)}
            size="small"
            color="primary"
            inputProps={{ 'aria-hidden': true }}
            tabIndex={-1}
          />
          <ListItemText primary={renderOption(option)} />
        </MenuItem>
      ))}
    </TextField>
  );
};

/**
 * The filters of the scorecard list: team, system, domain, level, guardrail and state, and a text
 * search. Changes are reported per URL parameter.
 */
function FilterBar({
  state,
  options,
  text,
  onTextChange,
  onChange,
  onClear,
}: {
  state: ScorecardViewState;
  options: FilterOptions;
  /** The search box's own value: the URL follows it after a pause. */
  text: string;
  onTextChange: (text: string) => void;
  onChange: (param: FilterParam, value: string | string[] | undefined) => void;
  onClear?: () => void;
}) {
  const classes = useStyles();
  const { filters } = state;
  const guardrailIds = withSelected(
    options.guardrails.map(g => g.id),
    filters.guardrailId ? [filters.guardrailId] : [],
  );
  const guardrailTitle = (id: string) =>
    options.guardrails.find(g => g.id === id)?.title ?? id;
  const singleState = filters.state?.length === 1 ? filters.state[0] : '';

  return (
    <div className={classes.bar} role="search" aria-label="Filter scorecards">
      <TextField
        id="scorecard-search"
        label="Search"
        type="search"
        variant="outlined"
        size="small"
        className={classes.search}
        placeholder="Title or entity ref"
        value={text}
        onChange={e => onTextChange(e.target.value)}
        InputLabelProps={{ shrink: true }}
        InputProps={{
          startAdornment: (
            <InputAdornment position="start">
              <SearchIcon aria-hidden fontSize="small" />
            </InputAdornment>
          ),
        }}
      />
      {(
        [
          ['ownerRef', 'team', 'Team', 'All teams', options.teams],
          ['systemRef', 'system', 'System', 'All systems', options.systems],
          ['domainRef', 'domain', 'Domain', 'All domains', options.domains],
        ] as const
      ).map(([key, id, label, allLabel, refs]) => (
        <EntityRefFilter
          key={key}
          id={`scorecard-filter-${id}`}
          label={label}
          allLabel={allLabel}
          options={refs}
          value={filters[key]}
          onChange={v => onChange(key, v)}
        />
      ))}
      <MultiSelect
        id="scorecard-filter-level"
        label="Level"
        allLabel="All levels"
        options={[...options.levels, NO_LEVEL]}
        value={filters.level}
        onChange={v => onChange('level', v)}
        renderOption={levelName}
      />
      <TextField
        id="scorecard-filter-guardrail"
        select
        label="Guardrail"
        variant="outlined"
        size="small"
        className={classes.select}
        InputLabelProps={{ shrink: true }}
        value={filters.guardrailId ?? ''}
        onChange={e => onChange('guardrailId', e.target.value as string)}
        SelectProps={{
          displayEmpty: true,
          renderValue: v => (v ? guardrailTitle(v as string) : 'Any guardrail'),
        }}
      >
        <MenuItem value="">Any guardrail</MenuItem>
        {guardrailIds.map(id => (
          <MenuItem key={id} value={id}>
            {guardrailTitle(id)}
          </MenuItem>
        ))}
      </TextField>
      <TextField
        id="scorecard-filter-state"
        select
        label="State"
        variant="outlined"
        size="small"
        className={classes.select}
        InputLabelProps={{ shrink: true }}
        value={singleState}
        onChange={e => onChange('state', e.target.value as string)}
        SelectProps={{
          displayEmpty: true,
          renderValue: v => {
            if (v) return STATE_LABELS[v as GuardrailState];
            // Several states from a shared link: name them rather than pretend there are none.
            if (filters.state?.length)
              return filters.state.map(s => STATE_LABELS[s]).join(', ');
            return 'Any state';
          },
        }}
      >
        <MenuItem value="">Any state</MenuItem>
        {GUARDRAIL_STATES.map(s => (
          <MenuItem key={s} value={s}>
            {STATE_LABELS[s]}
          </MenuItem>
        ))}
      </TextField>
      {onClear && (
        <Button size="small" onClick={onClear}>
          Clear filters
        </Button>
      )}
    </div>
  );
}

/** Memoised: the view re-renders while a page loads, and this part need not. */
export const ScorecardFilterBar = memo(FilterBar);
