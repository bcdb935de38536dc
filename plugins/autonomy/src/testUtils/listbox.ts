/** The text of each option of an open list, in order. */
export const optionTexts = (listbox: HTMLElement) =>
  Array.from(listbox.querySelectorAll('[role="option"]')).map(
    option => option.textContent,
  );
