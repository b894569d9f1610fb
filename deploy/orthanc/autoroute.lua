-- The PACS routing rule of the production topology: every instance Orthanc stores from a modality is forwarded to
-- the gateway's listener. SEGs the gateway exports come back from the gateway's own AE and are not forwarded (the
-- gateway would refuse to route them anyway: StudyNotRouted DERIVED_OBJECT).
function OnStoredInstance(instanceId, tags, metadata, origin)
  if origin['RequestOrigin'] == 'DicomProtocol' and origin['CalledAet'] ~= nil
      and origin['RemoteAet'] == 'SPA_GATEWAY' then
    return
  end
  SendToModality(instanceId, 'spa')
end
