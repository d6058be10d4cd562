import { ref, watch } from "vue";
import { listPrograms } from "../../api/childcare";
import { isSessionError } from "../../api/invoke";
import type { ProgramInfo } from "../../bindings/ProgramInfo";
import { errorMessage } from "../../utils/errors";
import { DESK_PROGRAM_KEY } from "./options";

/** Makes `id` the program the desk, the monthly report and the 值班表 open on (a program's page links there). */
export function rememberProgram(id: number) {
  localStorage.setItem(DESK_PROGRAM_KEY, String(id));
}

/**
 * The program a childcare page works on, remembered on this PC: a PC usually serves one program,
 * so the desk, the monthly report and the 值班表 open on the last one chosen (else the first active one).
 */
export function useProgramChoice() {
  const programs = ref<ProgramInfo[]>([]);
  const programsLoaded = ref(false);
  const programsError = ref("");
  const programId = ref<number | null>(null);

  function remembered(): number | null {
    const v = Number(localStorage.getItem(DESK_PROGRAM_KEY));
    return Number.isInteger(v) && v > 0 ? v : null;
  }

  async function loadPrograms() {
    programsError.value = "";
    try {
      programs.value = await listPrograms();
      programsLoaded.value = true;
      const list = programs.value;
      const pick = list.find((p) => p.id === remembered()) ?? list.find((p) => p.active) ?? list[0] ?? null;
      programId.value = pick?.id ?? null;
    } catch (e) {
      if (!isSessionError(e)) programsError.value = errorMessage(e);
    }
  }

  watch(programId, (id) => {
    if (id != null) rememberProgram(id);
  });

  return { programs, programsLoaded, programsError, programId, loadPrograms };
}
