/**
 * What the map shows: the tile settings and the viewer's areas and open tickets, fetched together
 * and kept on the phone (offline/answers.ts, like the inbox and the tickets opened) so that without
 * signal the map shows the last copy, saying from when.
 */
import { ref, shallowRef } from 'vue';
import { isApiError } from '#/api/api-error';
import { getMapSettings, getMyArea, type MapSettings, type MyArea } from '#/api/map';
import { useSessionStore } from '#/stores/session.store';
import { readAnswer, saveAnswer } from '../../../offline/answers';
import { isLostAnswer } from '../../report/data';

export interface MapData {
  settings: MapSettings;
  area: MyArea;
}

/** The kept copy's key in the phone's answers store. */
export const MAP_ANSWER_KEY = 'map:my-area';
const HANDLED = ['network_error', 'timeout'];

export function useMapData() {
  const session = useSessionStore();
  const data = shallowRef<MapData | null>(null);
  const isLoading = ref(false);
  /** 'failed': the server refused or broke; 'offline': no signal and no copy kept. */
  const failure = ref<'failed' | 'offline' | null>(null);
  /** When the map shows the copy kept on the phone: when it was saved. */
  const offlineSavedAt = ref<string | null>(null);

  async function load(): Promise<void> {
    const userId = session.user?.id ?? '';
    isLoading.value = true;
    try {
      const [settings, area] = await Promise.all([getMapSettings({ handledCodes: HANDLED }), getMyArea({ handledCodes: HANDLED })]);
      const loaded: MapData = { settings, area };
      data.value = loaded;
      failure.value = null;
      offlineSavedAt.value = null;
      // The plain answer, not `data.value`: IndexedDB cannot clone Vue's reactive proxy.
      void saveAnswer(MAP_ANSWER_KEY, userId, loaded);
    } catch (error) {
      if (!isApiError(error) || !isLostAnswer(error)) {
        failure.value = 'failed';
        return;
      }
      const kept = await readAnswer<MapData>(MAP_ANSWER_KEY, userId);
      if (kept) {
        data.value = kept.data;
        offlineSavedAt.value = kept.savedAt;
        failure.value = null;
      } else if (!data.value) {
        failure.value = 'offline';
      }
    } finally {
      isLoading.value = false;
    }
  }

  return { data, isLoading, failure, offlineSavedAt, load };
}
