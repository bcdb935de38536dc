export {
  GuardrailHalves,
  scorecardHalf,
  teamHalf,
  type HalfFigures,
} from './GuardrailHalves';
