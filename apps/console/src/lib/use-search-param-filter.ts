import { useSearchParams } from 'react-router-dom';

/**
 * A list filter carried in the URL, so a link can open a filtered list (`/checks?location=changsha`): the current
 * value (null when absent) and a function that removes it.
 * @example const [location, clearLocation] = useSearchParamFilter('location');
 */
export function useSearchParamFilter(name: string): [string | null, () => void] {
  const [params, setParams] = useSearchParams();
  const clear = () =>
    setParams((current) => {
      current.delete(name);
      return current;
    });
  return [params.get(name), clear];
}
