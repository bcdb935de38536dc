import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Chip, TextField, makeStyles } from '@material-ui/core';
import Autocomplete from '@material-ui/lab/Autocomplete';
import CheckBoxIcon from '@material-ui/icons/CheckBox';
import CheckBoxOutlineBlankIcon from '@material-ui/icons/CheckBoxOutlineBlank';
import { useApiHolder } from '@backstage/core-plugin-api';
import {
  entityPresentationApiRef,
  entityPresentationSnapshot,
} from '@backstage/plugin-catalog-react';
import { withSelected } from './urlState';

const NONE: string[] = [];

/**
 * The same array for the same values. The Autocomplete takes a new array as a new value and clears
 * what the user is typing, and the view builds new arrays whenever any other filter changes.
 */
function useSameList(list: string[]): string[] {
  const kept = useRef(list);
  const same =
    kept.current.length === list.length &&
    kept.current.every((v, i) => v === list[i]);
  if (!same) kept.current = list;
  return kept.current;
}

/** A filter that chooses any number of values from a list. */
export interface ListFilterProps {
  id: string;
  label: string;
  /** Shown when nothing is chosen. */
  allLabel: string;
  options: string[];
  value: string[] | undefined;
  onChange: (value: string[]) => void;
}

const useStyles = makeStyles(theme => ({
  field: {
    minWidth: 200,
    maxWidth: 300,
    // "All teams" reads as the value, like "All levels" in the selects beside it.
    '& input::placeholder': { opacity: 1 },
  },
  check: { marginRight: theme.spacing(1) },
  option: { minHeight: 36 },
}));

/**
 * Display titles of entity refs from the entity presentation API (a group's display name, say);
 * the snapshot (the humanised ref) until they arrive. Loading the whole list waits until the
 * picker is opened: 500 systems are 500 catalog lookups.
 */
function useEntityTitles(refs: string[]) {
  const presentation = useApiHolder().get(entityPresentationApiRef);
  const [loaded, setLoaded] = useState<ReadonlyMap<string, string>>(new Map());
  // Each ref is asked for once: choosing a value changes the list but not the titles.
  const asked = useRef(new Set<string>());
  useEffect(() => {
    const missing = refs.filter(ref => !asked.current.has(ref));
    if (!missing.length || !presentation) return undefined;
    let live = true;
    Promise.all(
      missing.map(ref =>
        presentation.forEntity(ref).promise.then(
          p => [ref, p.primaryTitle] as const,
          () => [ref, ''] as const,
        ),
      ),
    ).then(entries => {
      if (!live) return;
      for (const [ref] of entries) asked.current.add(ref);
      setLoaded(prev => {
        const next = new Map(prev);
        for (const [ref, title] of entries) if (title) next.set(ref, title);
        return next;
      });
    });
    return () => {
      live = false;
    };
  }, [presentation, refs]);
  return useCallback(
    (ref: string) =>
      loaded.get(ref) ??
      entityPresentationSnapshot(ref, undefined, presentation ?? undefined)
        .primaryTitle,
    [loaded, presentation],
  );
}

/**
 * A multi-select of entity refs (teams, systems, domains) that one can type into to narrow a long
 * list. Options are plain list items with a check icon rather than menu items with interactive
 * checkboxes: with 250 teams, a menu of MUI checkboxes took most of a second to open and to
 * re-render on each choice.
 */
export const EntityRefFilter = ({
  id,
  label,
  allLabel,
  options,
  value,
  onChange,
}: ListFilterProps) => {
  const classes = useStyles();
  const [opened, setOpened] = useState(false);
  const selected = useSameList(value ?? NONE);
  const offered = useMemo(
    () => withSelected(options, selected),
    [options, selected],
  );
  // The chosen values' titles at once (they show as chips), every option's once opened.
  const titleOf = useEntityTitles(opened ? offered : selected);

  return (
    <Autocomplete
      id={id}
      // MUI names the input, not the combobox around it.
      aria-labelledby={`${id}-label`}
      multiple
      disableCloseOnSelect
      size="small"
      limitTags={1}
      getLimitTagsText={more => `+${more} more`}
      className={classes.field}
      classes={{ option: classes.option }}
      options={offered}
      value={selected}
      onOpen={() => setOpened(true)}
      onChange={(_, refs) => onChange(refs)}
      getOptionLabel={titleOf}
      filterOptions={(refs, { inputValue }) => {
        const text = inputValue.trim().toLocaleLowerCase('en-US');
        if (!text) return refs;
        return refs.filter(
          ref =>
            titleOf(ref).toLocaleLowerCase('en-US').includes(text) ||
            ref.toLocaleLowerCase('en-US').includes(text),
        );
      }}
      renderOption={(ref, { selected: isSelected }) => (
        <>
          {isSelected ? (
            <CheckBoxIcon
              className={classes.check}
              fontSize="small"
              color="primary"
            />
          ) : (
            <CheckBoxOutlineBlankIcon
              className={classes.check}
              fontSize="small"
            />
          )}
          {titleOf(ref)}
        </>
      )}
      renderTags={(refs, getTagProps) =>
        refs.map((ref, index) => (
          <Chip
            {...getTagProps({ index })}
            key={ref}
            size="small"
            label={titleOf(ref)}
          />
        ))
      }
      renderInput={params => (
        <TextField
          {...params}
          label={label}
          variant="outlined"
          placeholder={selected.length ? undefined : allLabel}
          InputLabelProps={{ ...params.InputLabelProps, shrink: true }}
        />
      )}
    />
  );
};
